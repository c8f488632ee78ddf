// Reads an iCalendar file on stdin with Mozilla's ical.js (as Thunderbird does) and prints,
// for each event, its UID and its start as milliseconds since the epoch.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return { uid: event.uid, start: event.startDate.toJSDate().getTime() };
});
process.stdout.write(JSON.stringify(events));
