using Secretless.Core.Policies;

namespace Secretless.Core.Tests.Policies;

public sealed class IotPolicyEvaluatorTests
{
    private const string Region = "local";
    private const string Account = "000000000000";
    private static readonly IotPolicyVariables Thing1 = new("t1", "t1");

    [Fact]
    public void IsAllowed_MatchingAllow_True()
    {
        var policy = Policy("Allow", "\"iot:Publish\"", "\"arn:aws:iot:local:000000000000:topic/a/b\"");

        Assert.True(IsAllowed(policy, IotActions.Publish, Topic("a/b")));
    }

    [Fact]
    public void IsAllowed_NoStatementMatches_DefaultDeny()
    {
        var policy = Policy("Allow", "\"iot:Publish\"", "\"arn:aws:iot:local:000000000000:topic/a/b\"");

        Assert.Equal(IotPolicyDecision.NoMatchingAllow, Evaluate([policy], IotActions.Publish, Topic("a/c")));
        Assert.Equal(IotPolicyDecision.NoMatchingAllow, Evaluate([policy], IotActions.Subscribe, Topic("a/b")));
    }

    [Fact]
    public void IsAllowed_NoPolicies_DefaultDeny()
    {
        Assert.Equal(IotPolicyDecision.NoMatchingAllow, Evaluate([], IotActions.Connect, Client("t1")));
    }

    [Fact]
    public void IsAllowed_AllowAndDenyInOneDocument_DenyWins()
    {
        var policy = IotPolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iot:*","Resource":"*"},
              {"Effect":"Deny","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:topic/secret/*"}]}
            """);

        Assert.Equal(IotPolicyDecision.ExplicitDeny, Evaluate([policy], IotActions.Publish, Topic("secret/x")));
        Assert.Equal(IotPolicyDecision.Allowed, Evaluate([policy], IotActions.Publish, Topic("public/x")));
    }

    [Fact]
    public void IsAllowed_DenyInSecondDocument_OverridesAllowInFirst()
    {
        var allow = Policy("Allow", "\"iot:*\"", "\"*\"");
        var deny = Policy("Deny", "\"iot:Connect\"", "\"arn:aws:iot:*:*:client/t1\"");

        Assert.Equal(IotPolicyDecision.ExplicitDeny, Evaluate([allow, deny], IotActions.Connect, Client("t1")));
        Assert.Equal(IotPolicyDecision.ExplicitDeny, Evaluate([deny, allow], IotActions.Connect, Client("t1")));
        Assert.Equal(IotPolicyDecision.Allowed, Evaluate([allow, deny], IotActions.Connect, Client("t2")));
    }

    [Fact]
    public void IsAllowed_OnlyDenyStatements_NeverAllows()
    {
        var deny = Policy("Deny", "\"iot:Connect\"", "\"arn:aws:iot:*:*:client/t1\"");

        Assert.Equal(IotPolicyDecision.NoMatchingAllow, Evaluate([deny], IotActions.Connect, Client("t2")));
    }

    [Fact]
    public void IsAllowed_ArrayForms_AnyActionAndAnyResourceMatch()
    {
        var policy = Policy(
            "Allow",
            "[\"iot:Publish\",\"iot:Receive\"]",
            "[\"arn:aws:iot:*:*:topic/a\",\"arn:aws:iot:*:*:topic/b\"]");

        Assert.True(IsAllowed(policy, IotActions.Receive, Topic("b")));
        Assert.True(IsAllowed(policy, IotActions.Publish, Topic("a")));
        Assert.False(IsAllowed(policy, IotActions.Subscribe, TopicFilter("a")));
        Assert.False(IsAllowed(policy, IotActions.Publish, Topic("c")));
    }

    [Theory]
    [InlineData("arn:aws:iot:*:*:topic/things/x/*", "things/x/a/b", true)] // '*' crosses '/'.
    [InlineData("arn:aws:iot:*:*:topic/things/x/*", "things/x/", true)] // '*' may be empty.
    [InlineData("arn:aws:iot:*:*:topic/things/x/*", "things/x", false)]
    [InlineData("arn:aws:iot:*:*:topic/things/?/y", "things/a/y", true)]
    [InlineData("arn:aws:iot:*:*:topic/things/?/y", "things/ab/y", false)]
    [InlineData("arn:aws:iot:*:*:topic/things/?/y", "things//y", false)]
    [InlineData("arn:aws:iot:*:*:topic/*/status", "a/b/c/status", true)]
    [InlineData("arn:aws:iot:*:*:topic/*/status", "a/b/c/status/x", false)]
    [InlineData("arn:aws:iot:*:*:topic/a*b*c", "axxbyybzzc", true)]
    [InlineData("arn:aws:iot:*:*:topic/a*b*c", "axxbyybzz", false)]
    [InlineData("arn:aws:iot:*:*:topic/a**", "a", true)]
    [InlineData("arn:aws:iot:*:*:topic/things/+/x", "things/+/x", true)] // '+' is literal in a policy.
    [InlineData("arn:aws:iot:*:*:topic/things/+/x", "things/t1/x", false)]
    [InlineData("arn:aws:iot:*:*:topic/${*}", "*", true)] // ${*} is a literal '*'.
    [InlineData("arn:aws:iot:*:*:topic/${*}", "anything", false)]
    [InlineData("arn:aws:iot:*:*:topic/${?}${$}", "?$", true)]
    [InlineData("arn:aws:iot:us-east-1:*:topic/x", "x", false)] // region must match.
    [InlineData("*", "x", true)]
    public void IsAllowed_ResourceWildcards_MatchAsAwsDoes(string resource, string topic, bool expected)
    {
        var policy = Policy("Allow", "\"iot:Publish\"", $"\"{resource}\"");

        Assert.Equal(expected, IsAllowed(policy, IotActions.Publish, Topic(topic)));
    }

    [Theory]
    [InlineData("iot:*", "iot:Subscribe", true)]
    [InlineData("*", "iot:Connect", true)]
    [InlineData("iot:Pub*", "iot:Publish", true)]
    [InlineData("iot:Pub*", "iot:Receive", false)]
    [InlineData("iot:?eceive", "iot:Receive", true)]
    [InlineData("IOT:PUBLISH", "iot:Publish", true)] // actions are case-insensitive.
    [InlineData("iot:publish", "iot:Publish", true)]
    [InlineData("s3:*", "iot:Publish", false)]
    public void IsAllowed_ActionPatterns_CaseInsensitiveWildcards(string action, string requested, bool expected)
    {
        var policy = Policy("Allow", $"\"{action}\"", "\"*\"");

        Assert.Equal(expected, IsAllowed(policy, requested, Topic("x")));
    }

    [Fact]
    public void IsAllowed_ResourceCase_IsSensitive()
    {
        var policy = Policy("Allow", "\"iot:Publish\"", "\"arn:aws:iot:*:*:topic/Things/T1\"");

        Assert.True(IsAllowed(policy, IotActions.Publish, Topic("Things/T1")));
        Assert.False(IsAllowed(policy, IotActions.Publish, Topic("things/t1")));
    }

    [Fact]
    public void IsAllowed_ThingNameVariable_SubstitutedBeforeMatching()
    {
        var policy = Policy("Allow", "\"iot:Publish\"", "\"arn:aws:iot:*:*:topic/things/${iot:Connection.Thing.ThingName}/*\"");

        Assert.True(IotPolicyEvaluator.IsAllowed([policy], IotActions.Publish, Topic("things/t1/x"), new("t1", "other")));
        Assert.False(IotPolicyEvaluator.IsAllowed([policy], IotActions.Publish, Topic("things/t2/x"), new("t1", "t2")));
    }

    [Fact]
    public void IsAllowed_ClientIdVariable_SubstitutedBeforeMatching()
    {
        var policy = Policy("Allow", "\"iot:Connect\"", "\"arn:aws:iot:*:*:client/${iot:ClientId}\"");

        Assert.True(IotPolicyEvaluator.IsAllowed([policy], IotActions.Connect, Client("c-9"), new(null, "c-9")));
        Assert.False(IotPolicyEvaluator.IsAllowed([policy], IotActions.Connect, Client("c-9"), new("c-9", "c-8")));
    }

    [Fact]
    public void IsAllowed_VariableNameCase_IsInsensitive()
    {
        var policy = Policy("Allow", "\"iot:Connect\"", "\"arn:aws:iot:*:*:client/${IOT:clientid}\"");

        Assert.True(IotPolicyEvaluator.IsAllowed([policy], IotActions.Connect, Client("c"), new(null, "c")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void IsAllowed_VariableWithoutValue_ResourceNeverMatches(string? thingName)
    {
        var policy = Policy("Allow", "\"iot:Publish\"", "\"arn:aws:iot:*:*:topic/things/${iot:Connection.Thing.ThingName}*\"");

        Assert.False(IotPolicyEvaluator.IsAllowed([policy], IotActions.Publish, Topic("things/"), new(thingName, "c")));
        Assert.False(IotPolicyEvaluator.IsAllowed([policy], IotActions.Publish, Topic("things/x"), new(thingName, "c")));
    }

    [Fact]
    public void IsAllowed_VariableWithoutValueInDeny_DenyDoesNotApply()
    {
        var allow = Policy("Allow", "\"iot:Publish\"", "\"*\"");
        var deny = Policy("Deny", "\"iot:Publish\"", "\"arn:aws:iot:*:*:topic/${iot:Connection.Thing.ThingName}/*\"");

        Assert.True(IotPolicyEvaluator.IsAllowed([allow, deny], IotActions.Publish, Topic("/x"), new(null, "c")));
        Assert.False(IotPolicyEvaluator.IsAllowed([allow, deny], IotActions.Publish, Topic("t1/x"), Thing1));
    }

    [Fact]
    public void IsAllowed_UnknownVariable_ResourceNeverMatches()
    {
        var policy = Policy("Allow", "\"iot:Publish\"", "\"arn:aws:iot:*:*:topic/${iot:Certificate.Subject.CommonName}*\"");

        Assert.False(IsAllowed(policy, IotActions.Publish, Topic("x")));
        Assert.False(IsAllowed(policy, IotActions.Publish, Topic("${iot:Certificate.Subject.CommonName}")));
    }

    [Fact]
    public void IsAllowed_VariableValueWithWildcards_MatchedLiterally()
    {
        var policy = Policy("Allow", "\"iot:Connect\"", "\"arn:aws:iot:*:*:client/${iot:ClientId}\"");

        Assert.False(IotPolicyEvaluator.IsAllowed([policy], IotActions.Connect, Client("anyone"), new(null, "*")));
        Assert.False(IotPolicyEvaluator.IsAllowed([policy], IotActions.Connect, Client("ab"), new(null, "a?")));
        Assert.True(IotPolicyEvaluator.IsAllowed([policy], IotActions.Connect, Client("*"), new(null, "*")));
    }

    [Fact]
    public void IsAllowed_LegacyOrMissingVersion_VariablesAreLiteralText()
    {
        const string Statement = """{"Effect":"Allow","Action":"iot:Connect","Resource":"arn:aws:iot:*:*:client/${iot:ClientId}"}""";
        var noVersion = IotPolicyDocument.Parse($$"""{"Statement":{{Statement}}}""");
        var legacy = IotPolicyDocument.Parse($$"""{"Version":"2008-10-17","Statement":{{Statement}}}""");

        foreach (var policy in new[] { noVersion, legacy })
        {
            Assert.False(IotPolicyEvaluator.IsAllowed([policy], IotActions.Connect, Client("c"), new(null, "c")));
            Assert.True(IotPolicyEvaluator.IsAllowed([policy], IotActions.Connect, Client("${iot:ClientId}"), new(null, "c")));
        }
    }

    [Fact]
    public void IsAllowed_HostilePatternAndLongTopic_DeniedWithoutBacktrackingBlowUp()
    {
        // A backtracking matcher needs ~20,000^12 steps here and never returns; the single
        // backtrack point of PolicyPattern answers at once. No stopwatch: a hang is the failure.
        var policy = Policy("Allow", "\"iot:Publish\"", "\"arn:aws:iot:*:*:topic/*a*a*a*a*a*a*a*a*a*a*a*a*b\"");
        var topic = Topic(new string('a', 20_000));

        var allowed = IsAllowed(policy, IotActions.Publish, topic);

        Assert.False(allowed);
    }

    [Fact]
    public void IsAllowed_WarmEvaluation_AllocatesNothing()
    {
        IReadOnlyList<IotPolicyDocument> policies =
        [
            IotPolicyDocument.Parse(Secretless.Core.Provisioning.ProductLinePolicy.DefaultDocument),
            Policy("Deny", "\"iot:Publish\"", "\"arn:aws:iot:*:*:topic/things/*/forbidden\""),
        ];
        var allowedTopic = Topic("things/t1/telemetry");
        var deniedTopic = Topic("things/t1/forbidden");
        var otherTopic = Topic("things/t2/telemetry");
        Assert.True(IotPolicyEvaluator.IsAllowed(policies, IotActions.Publish, allowedTopic, Thing1));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var allowedCount = 0;
        for (var i = 0; i < 1000; i++)
        {
            allowedCount += IotPolicyEvaluator.IsAllowed(policies, IotActions.Publish, allowedTopic, Thing1) ? 1 : 0;
            allowedCount += IotPolicyEvaluator.IsAllowed(policies, IotActions.Publish, deniedTopic, Thing1) ? 1 : 0;
            allowedCount += IotPolicyEvaluator.IsAllowed(policies, IotActions.Publish, otherTopic, Thing1) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000, allowedCount);
        Assert.Equal(0, allocated);
    }

    private static IotPolicyDocument Policy(string effect, string actionJson, string resourceJson) =>
        IotPolicyDocument.Parse($$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"{{effect}}","Action":{{actionJson}},"Resource":{{resourceJson}}}]}
            """);

    private static bool IsAllowed(IotPolicyDocument policy, string action, string resource) =>
        IotPolicyEvaluator.IsAllowed([policy], action, resource, Thing1);

    private static IotPolicyDecision Evaluate(IReadOnlyList<IotPolicyDocument> policies, string action, string resource) =>
        IotPolicyEvaluator.Evaluate(policies, action, resource, Thing1);

    private static string Client(string id) => IotResourceArns.Client(Region, Account, id);

    private static string Topic(string topic) => IotResourceArns.Topic(Region, Account, topic);

    private static string TopicFilter(string filter) => IotResourceArns.TopicFilter(Region, Account, filter);
}
