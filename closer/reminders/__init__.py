"""Reminders where the user already looks: a calendar feed, calendar import, and email."""
