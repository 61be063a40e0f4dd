package dev.rig.core.store;

/** The two real databases every store test runs against. */
public enum Backend {
    SQLITE,
    POSTGRESQL
}
