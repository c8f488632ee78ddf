"""The pure domain core of Closer: records, plan rules, business days and the close card."""
