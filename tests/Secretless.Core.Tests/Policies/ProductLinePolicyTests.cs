using Secretless.Core.Policies;
using Secretless.Core.Provisioning;

namespace Secretless.Core.Tests.Policies;

public sealed class ProductLinePolicyTests
{
    private const string Region = "local";
    private const string Account = "000000000000";
    private static readonly IotPolicyDocument[] Policies = [IotPolicyDocument.Parse(ProductLinePolicy.DefaultDocument)];
    private static readonly IotPolicyVariables Thing1 = new("t1", "t1");

    [Fact]
    public void DefaultDocument_Parse_UsesCurrentLanguageVersion()
    {
        Assert.Equal(IotPolicyDocument.CurrentVersion, Policies[0].Version);
        Assert.All(Policies[0].Statements, statement => Assert.Equal(IotPolicyEffect.Allow, statement.Effect));
    }

    [Fact]
    public void DefaultDocument_ConnectAsItself_Allowed()
    {
        Assert.True(Allowed(IotActions.Connect, IotResourceArns.Client(Region, Account, "t1")));
    }

    [Fact]
    public void DefaultDocument_ConnectAsAnotherThing_Denied()
    {
        Assert.False(Allowed(IotActions.Connect, IotResourceArns.Client(Region, Account, "t2")));
        Assert.False(IotPolicyEvaluator.IsAllowed(
            Policies, IotActions.Connect, IotResourceArns.Client(Region, Account, "t2"), new("t1", "t2")));
    }

    [Theory]
    [InlineData("things/t1/telemetry")]
    [InlineData("things/t1/a/b/c")]
    public void DefaultDocument_PublishAndReceiveUnderOwnTopic_Allowed(string topic)
    {
        Assert.True(Allowed(IotActions.Publish, IotResourceArns.Topic(Region, Account, topic)));
        Assert.True(Allowed(IotActions.Receive, IotResourceArns.Topic(Region, Account, topic)));
    }

    [Theory]
    [InlineData("things/t2/x")]
    [InlineData("things/t1")]
    [InlineData("things/t10/x")]
    [InlineData("other/t1/x")]
    [InlineData("$aws/things/t1/shadow/update")]
    public void DefaultDocument_PublishAndReceiveElsewhere_Denied(string topic)
    {
        Assert.False(Allowed(IotActions.Publish, IotResourceArns.Topic(Region, Account, topic)));
        Assert.False(Allowed(IotActions.Receive, IotResourceArns.Topic(Region, Account, topic)));
    }

    [Theory]
    [InlineData("things/t1/#")] // The filter is taken literally and matched by ".../things/t1/*".
    [InlineData("things/t1/+/status")]
    [InlineData("things/t1/telemetry")]
    public void DefaultDocument_SubscribeUnderOwnTopic_Allowed(string filter)
    {
        Assert.True(Allowed(IotActions.Subscribe, IotResourceArns.TopicFilter(Region, Account, filter)));
    }

    [Theory]
    [InlineData("#")]
    [InlineData("things/#")]
    [InlineData("things/+/telemetry")]
    [InlineData("things/t2/#")]
    public void DefaultDocument_SubscribeOutsideOwnTopic_Denied(string filter)
    {
        Assert.False(Allowed(IotActions.Subscribe, IotResourceArns.TopicFilter(Region, Account, filter)));
    }

    [Fact]
    public void DefaultDocument_SubscribeWithTopicArn_Denied()
    {
        // iot:Subscribe is granted on topicfilter/ resources only, as in AWS.
        Assert.False(Allowed(IotActions.Subscribe, IotResourceArns.Topic(Region, Account, "things/t1/x")));
        Assert.False(Allowed(IotActions.Publish, IotResourceArns.TopicFilter(Region, Account, "things/t1/x")));
    }

    [Fact]
    public void DefaultDocument_NoThingName_DeniesEverything()
    {
        var noThing = new IotPolicyVariables(null, "t1");

        Assert.False(IotPolicyEvaluator.IsAllowed(Policies, IotActions.Connect, IotResourceArns.Client(Region, Account, "t1"), noThing));
        Assert.False(IotPolicyEvaluator.IsAllowed(Policies, IotActions.Publish, IotResourceArns.Topic(Region, Account, "things//x"), noThing));
    }

    private static bool Allowed(string action, string resourceArn) =>
        IotPolicyEvaluator.IsAllowed(Policies, action, resourceArn, Thing1);
}
