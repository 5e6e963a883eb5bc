//! Export profiles (Jekyll, Gatsby).
