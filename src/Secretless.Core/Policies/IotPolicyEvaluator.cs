namespace Secretless.Core.Policies;

/// <summary>
/// Evaluates AWS IoT policies the way AWS IoT Core does: a request is allowed only when some
/// statement of some policy allows it and no statement of any policy denies it (explicit Deny
/// wins; no matching Allow means deny). Allocation-free: the broker calls this on every packet.
/// </summary>
public static class IotPolicyEvaluator
{
    /// <summary>True only when the decision is <see cref="IotPolicyDecision.Allowed"/>.</summary>
    public static bool IsAllowed(
        IReadOnlyList<IotPolicyDocument> policies,
        string action,
        string resourceArn,
        IotPolicyVariables variables) =>
        Evaluate(policies, action, resourceArn, variables) == IotPolicyDecision.Allowed;

    /// <summary>The decision with its reason (default deny vs. explicit deny), for logging.</summary>
    public static IotPolicyDecision Evaluate(
        IReadOnlyList<IotPolicyDocument> policies,
        string action,
        string resourceArn,
        IotPolicyVariables variables)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(resourceArn);
        ArgumentNullException.ThrowIfNull(variables);

        var allowed = false;
        for (var p = 0; p < policies.Count; p++)
        {
            foreach (var statement in policies[p].StatementArray)
            {
                // Once allowed, only a Deny can change the outcome: skip further Allow statements.
                if ((allowed && statement.Effect == IotPolicyEffect.Allow)
                    || !statement.Applies(action, resourceArn, variables))
                {
                    continue;
                }

                if (statement.Effect == IotPolicyEffect.Deny)
                {
                    return IotPolicyDecision.ExplicitDeny;
                }

                allowed = true;
            }
        }

        return allowed ? IotPolicyDecision.Allowed : IotPolicyDecision.NoMatchingAllow;
    }
}
