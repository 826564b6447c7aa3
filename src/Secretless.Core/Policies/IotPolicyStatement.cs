namespace Secretless.Core.Policies;

/// <summary>One parsed statement of an AWS IoT policy, with its patterns compiled for evaluation.</summary>
public sealed class IotPolicyStatement
{
    private readonly PolicyPattern[] _actionPatterns;
    private readonly PolicyPattern[] _resourcePatterns;

    internal IotPolicyStatement(
        string? sid,
        IotPolicyEffect effect,
        string[] actions,
        PolicyPattern[] actionPatterns,
        string[] resources,
        PolicyPattern[] resourcePatterns)
    {
        Sid = sid;
        Effect = effect;
        Actions = Array.AsReadOnly(actions);
        Resources = Array.AsReadOnly(resources);
        _actionPatterns = actionPatterns;
        _resourcePatterns = resourcePatterns;
    }

    /// <summary>The optional statement id.</summary>
    public string? Sid { get; }

    public IotPolicyEffect Effect { get; }

    /// <summary>The action patterns as written (always a list, even when written as one string).</summary>
    public IReadOnlyList<string> Actions { get; }

    /// <summary>The resource patterns as written (always a list, even when written as one string).</summary>
    public IReadOnlyList<string> Resources { get; }

    /// <summary>True when one action pattern and one resource pattern both match.</summary>
    internal bool Applies(string action, string resourceArn, IotPolicyVariables variables) =>
        AnyMatches(_actionPatterns, action, variables) && AnyMatches(_resourcePatterns, resourceArn, variables);

    private static bool AnyMatches(PolicyPattern[] patterns, string text, IotPolicyVariables variables)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.Matches(text, variables))
            {
                return true;
            }
        }

        return false;
    }
}
