namespace Secretless.Core.Policies;

/// <summary>
/// Builds the resource ARNs AWS IoT Core evaluates policies against. Topic filters are used
/// literally (<c>+</c> and <c>#</c> are plain characters in a policy), as AWS does.
/// </summary>
public static class IotResourceArns
{
    public static string Client(string region, string account, string clientId) =>
        Build(region, account, "client/", clientId);

    public static string Topic(string region, string account, string topic) =>
        Build(region, account, "topic/", topic);

    public static string TopicFilter(string region, string account, string filter) =>
        Build(region, account, "topicfilter/", filter);

    private static string Build(string region, string account, string resourceType, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentNullException.ThrowIfNull(name);
        return string.Concat("arn:aws:iot:", region, ":", account, ":", resourceType, name);
    }
}
