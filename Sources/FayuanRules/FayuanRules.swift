import FayuanCore

/// FayuanRules: the rule library (rule sets as data, layered by region and effective date).
public enum FayuanRules {}
