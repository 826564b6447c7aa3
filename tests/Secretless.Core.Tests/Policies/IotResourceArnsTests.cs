using Secretless.Core.Policies;

namespace Secretless.Core.Tests.Policies;

public sealed class IotResourceArnsTests
{
    [Fact]
    public void Client_RegionAccountAndId_BuildsClientArn()
    {
        Assert.Equal("arn:aws:iot:local:000000000000:client/t1", IotResourceArns.Client("local", "000000000000", "t1"));
    }

    [Fact]
    public void Topic_TopicName_BuildsTopicArn()
    {
        Assert.Equal("arn:aws:iot:eu-west-1:123456789012:topic/things/t1/x", IotResourceArns.Topic("eu-west-1", "123456789012", "things/t1/x"));
    }

    [Fact]
    public void TopicFilter_FilterWithWildcards_KeepsThemLiterally()
    {
        Assert.Equal("arn:aws:iot:local:000000000000:topicfilter/things/+/#", IotResourceArns.TopicFilter("local", "000000000000", "things/+/#"));
    }

    [Fact]
    public void Client_EmptyRegion_Throws()
    {
        Assert.Throws<ArgumentException>(() => IotResourceArns.Client("", "000000000000", "t1"));
    }

    [Fact]
    public void Actions_Constants_AreAwsActionNames()
    {
        Assert.Equal(
            ["iot:Connect", "iot:Publish", "iot:Subscribe", "iot:Receive"],
            [IotActions.Connect, IotActions.Publish, IotActions.Subscribe, IotActions.Receive]);
    }
}
