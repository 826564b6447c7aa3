namespace Secretless.Aws.Tests.Http;

/// <summary>One canned answer of <see cref="ScriptedAwsEndpoint"/>.</summary>
internal sealed record ScriptedReply(int Status, string Body)
{
    public static ScriptedReply Ok(string body = "{\"CertificateArn\":\"arn:ok\"}") => new(200, body);

    public static ScriptedReply Error(int status, string type) => new(status, $"{{\"__type\":\"{type}\",\"message\":\"{type} from the script\"}}");
}
