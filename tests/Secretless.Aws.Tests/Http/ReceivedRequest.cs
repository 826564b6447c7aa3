namespace Secretless.Aws.Tests.Http;

/// <summary>What <see cref="ScriptedAwsEndpoint"/> saw of one request.</summary>
internal sealed record ReceivedRequest(string AmzDate, string Authorization, string Target, string? ContentType, byte[] Body);
