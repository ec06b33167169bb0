"""What the storage tests share (in ``unit/storage`` and ``functional/storage``, and the sync tests): small
journals, folder states, crash points, an encrypted journal, the writer the kill tests run."""
