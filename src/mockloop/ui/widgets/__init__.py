"""Self-painted widgets shared by the pages (meter, timing light, countdown, lens bar)."""
