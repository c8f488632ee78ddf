"""What every page shares: request helpers, form fields, links reversed once, and the
templates every app includes (closer/templates). It knows nothing of the apps above it."""
