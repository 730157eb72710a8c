import FayuanCore

/// FayuanStore: the SQLite case store.
public enum FayuanStore {}
