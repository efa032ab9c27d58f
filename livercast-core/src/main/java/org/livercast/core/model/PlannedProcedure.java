package org.livercast.core.model;

/** What the team plans to do; protocols P1 and P2 need a scheduled curative-intent resection. */
public enum PlannedProcedure { CURATIVE_RESECTION, TRANSPLANT, ABLATION, PALLIATIVE, NONE }
