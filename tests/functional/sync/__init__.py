"""Test harnesses for a journal folder shared between devices by a folder-sync tool.

``syncthing``: real Syncthing instances on loopback, started and stopped by the test.
``simulator``: a seeded in-process model of a sync tool (delays, partitions, conflict copies),
built on ``versions`` (version vectors) and ``folder`` (a device's folder on disk).
``naming``: how Syncthing and Dropbox name the copies they set aside.
"""
