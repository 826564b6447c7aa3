namespace Secretless.Core.Policies;

/// <summary>Outcome of evaluating policies for one request; only <see cref="Allowed"/> permits it.</summary>
public enum IotPolicyDecision
{
    /// <summary>No statement allowed the request (default deny).</summary>
    NoMatchingAllow = 0,

    /// <summary>A statement allowed the request and none denied it.</summary>
    Allowed = 1,

    /// <summary>A Deny statement matched; it overrides every Allow.</summary>
    ExplicitDeny = 2,
}
