import FayuanCore

/// FayuanApp: screens and the app loop (key → action → update → effects → view).
public enum FayuanApp {}
