// Fixtures shared by the test targets.

import SameDayCore

/// Shared test fixtures.
public enum Fixtures {}
