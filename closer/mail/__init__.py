"""The one mail layer: how Closer renders an email, hands it to the mail server, retries it,
and reports what happened, for every kind of email it sends.

- `messages`: an email from a template triple (`<name>-subject.txt`, `<name>-body.txt`,
  `<name>-body.html`), and sending one after the transaction that asked for it commits;
- `policy`: which failures are worth a retry, how long to wait, and how to say what went wrong;
- `delivery`: the states a queued email goes through (the `Deliverable` columns), claiming
  rows, one attempt, and the words every result is reported in;
- `worker`: the one loop behind `closer worker`, driving every queue it is given.

It knows nothing of notes or reminders: `outbox` and `reminders` each bring a queue.
"""
