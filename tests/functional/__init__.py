"""The functional tier: the app through Pilot and snapshots, the command line, several devices, and
the storage tests that kill writers, crash at every disk change or start other processes."""
