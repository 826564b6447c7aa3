namespace Secretless.Core.Policies;

/// <summary>The <c>Effect</c> of a policy statement.</summary>
public enum IotPolicyEffect
{
    Allow = 0,
    Deny = 1,
}
