"""What the import and export tests share (in ``unit/exchange`` and ``functional/exchange``): the fixture
files, the code that makes them, a seeded journal on disk and the big-file timings."""
