import CNcursesw

/// TerminalKit: the terminal toolkit (canvas backends, display width, widgets, keymaps).
public enum TerminalKit {}
