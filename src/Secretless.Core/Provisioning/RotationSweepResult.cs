namespace Secretless.Core.Provisioning;

/// <summary>One superseded-certificate sweep: how many were found, retired, and failed (left for the next sweep).</summary>
public readonly record struct RotationSweepResult(int Found, int Retired, int Failed);
