namespace Secretless.Core.Policies;

/// <summary>The AWS IoT Core data-plane actions the embedded endpoint enforces.</summary>
public static class IotActions
{
    /// <summary>Connect to the broker; the resource is <c>client/&lt;client id&gt;</c>.</summary>
    public const string Connect = "iot:Connect";

    /// <summary>Publish to a topic; the resource is <c>topic/&lt;topic name&gt;</c>.</summary>
    public const string Publish = "iot:Publish";

    /// <summary>Subscribe with a filter; the resource is <c>topicfilter/&lt;filter, taken literally&gt;</c>.</summary>
    public const string Subscribe = "iot:Subscribe";

    /// <summary>Have a message delivered; the resource is <c>topic/&lt;topic name&gt;</c>.</summary>
    public const string Receive = "iot:Receive";
}
