namespace Secretless.Cli.Commands;

/// <summary>One message to publish: <c>--publish TOPIC MSG</c>.</summary>
internal sealed record DeviceMessage(string Topic, string Payload);
