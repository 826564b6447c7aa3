using Secretless.Core.Policies;

namespace Secretless.Core.Tests.Policies;

public sealed class IotPolicyDocumentParseTests
{
    private const string AllowPublish = """{"Effect":"Allow","Action":"iot:Publish","Resource":"*"}""";

    [Theory]
    [InlineData("", "The policy document is empty.")]
    [InlineData("   ", "The policy document is empty.")]
    [InlineData("[]", "The policy document must be a JSON object, not an array.")]
    [InlineData("\"x\"", "The policy document must be a JSON object, not a string.")]
    [InlineData("""{"Version":"2012-10-17"}""", "The policy document has no Statement element.")]
    [InlineData("""{"Version":"2012-10-17","Statement":5}""", "Statement must be an object or an array of objects, not a number.")]
    [InlineData("""{"Version":"2012-10-17","Statement":[7]}""", "Statement[0] must be an object, not a number.")]
    [InlineData("""{"Version":"2013-01-01","Statement":[]}""", "Version \"2013-01-01\" is not supported; use \"2012-10-17\".")]
    [InlineData("""{"Version":2012,"Statement":[]}""", "Version must be a string, not a number.")]
    [InlineData("""{"version":"2012-10-17","Statement":[]}""", "The policy document has an unknown element \"version\" (allowed: Version, Id, Statement; names are case-sensitive).")]
    [InlineData("""{"Statement":[],"Statement":[]}""", "The policy document has a duplicate \"Statement\" element.")]
    public void Parse_MalformedDocument_ThrowsPreciseMessage(string json, string expected)
    {
        var ex = Assert.Throws<IotPolicyFormatException>(() => IotPolicyDocument.Parse(json));

        Assert.Equal(expected, ex.Message);
    }

    [Theory]
    [InlineData("""{"Action":"iot:Publish","Resource":"*"}""", "Statement[0] has no Effect element.")]
    [InlineData("""{"Effect":"allow","Action":"iot:Publish","Resource":"*"}""", "Statement[0].Effect must be \"Allow\" or \"Deny\" (case-sensitive), not \"allow\".")]
    [InlineData("""{"Effect":true,"Action":"iot:Publish","Resource":"*"}""", "Statement[0].Effect must be \"Allow\" or \"Deny\", not a boolean.")]
    [InlineData("""{"Effect":"Allow","Resource":"*"}""", "Statement[0] has no Action element.")]
    [InlineData("""{"Effect":"Allow","Action":"iot:Publish"}""", "Statement[0] has no Resource element.")]
    [InlineData("""{"Effect":"Allow","Action":{"a":1},"Resource":"*"}""", "Statement[0].Action must be a string or an array of strings, not an object.")]
    [InlineData("""{"Effect":"Allow","Action":["iot:Publish",3],"Resource":"*"}""", "Statement[0].Action[1] must be a string, not a number.")]
    [InlineData("""{"Effect":"Allow","Action":[],"Resource":"*"}""", "Statement[0].Action must not be an empty array.")]
    [InlineData("""{"Effect":"Allow","Action":"iotPublish","Resource":"*"}""", "Statement[0].Action \"iotPublish\" is not a valid action (expected \"*\" or \"service:action\", e.g. \"iot:Publish\" or \"iot:*\").")]
    [InlineData("""{"Effect":"Allow","Action":"iot:","Resource":"*"}""", "Statement[0].Action \"iot:\" is not a valid action (expected \"*\" or \"service:action\", e.g. \"iot:Publish\" or \"iot:*\").")]
    [InlineData("""{"Effect":"Allow","Action":"iot:Publish","Resource":"topic/x"}""", "Statement[0].Resource \"topic/x\" is not a valid resource (expected \"*\" or an ARN such as \"arn:aws:iot:us-east-1:123456789012:topic/things/t1/telemetry\").")]
    [InlineData("""{"Effect":"Allow","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:topic/${iot:ClientId"}""", "Statement[0].Resource \"arn:aws:iot:*:*:topic/${iot:ClientId\" has an unterminated policy variable starting at position 22 (expected \"}\").")]
    [InlineData("""{"Effect":"Allow","NotAction":"iot:Publish","Resource":"*"}""", "Statement[0].NotAction is not supported by this endpoint; list the covered values in Action (with a Deny statement where needed) instead.")]
    [InlineData("""{"Effect":"Allow","Action":"iot:Publish","NotResource":"*"}""", "Statement[0].NotResource is not supported by this endpoint; list the covered values in Resource (with a Deny statement where needed) instead.")]
    [InlineData("""{"Effect":"Allow","Action":"iot:Publish","Resource":"*","Condition":{}}""", "Statement[0].Condition is not supported by this endpoint; a policy with conditions cannot be enforced faithfully.")]
    [InlineData("""{"Effect":"Allow","Action":"iot:Publish","Resource":"*","Principal":"*"}""", "Statement[0].Principal is not allowed in an AWS IoT policy (the principal is the certificate the policy is attached to).")]
    [InlineData("""{"effect":"Allow","Action":"iot:Publish","Resource":"*"}""", "Statement[0] has an unknown element \"effect\" (allowed: Sid, Effect, Action, Resource; names are case-sensitive).")]
    [InlineData("""{"Effect":"Allow","Effect":"Deny","Action":"iot:Publish","Resource":"*"}""", "Statement[0] has a duplicate \"Effect\" element.")]
    [InlineData("""{"Sid":1,"Effect":"Allow","Action":"iot:Publish","Resource":"*"}""", "Statement[0].Sid must be a string, not a number.")]
    public void Parse_MalformedStatement_ThrowsMessageNamingTheStatement(string statement, string expected)
    {
        var json = $$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""";

        var ex = Assert.Throws<IotPolicyFormatException>(() => IotPolicyDocument.Parse(json));

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void Parse_SecondStatementBad_MessageNamesIndexOne()
    {
        var json = $$"""{"Version":"2012-10-17","Statement":[{{AllowPublish}},{"Effect":"Maybe","Action":"iot:Publish","Resource":"*"}]}""";

        var ex = Assert.Throws<IotPolicyFormatException>(() => IotPolicyDocument.Parse(json));

        Assert.Equal("Statement[1].Effect must be \"Allow\" or \"Deny\" (case-sensitive), not \"Maybe\".", ex.Message);
    }

    [Fact]
    public void Parse_SingleStatementObjectBad_MessageNamesStatementWithoutIndex()
    {
        var json = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iot:Publish"}}""";

        var ex = Assert.Throws<IotPolicyFormatException>(() => IotPolicyDocument.Parse(json));

        Assert.Equal("Statement has no Resource element.", ex.Message);
    }

    [Fact]
    public void Parse_InvalidJson_MessageCarriesPositionAndInnerException()
    {
        var ex = Assert.Throws<IotPolicyFormatException>(() => IotPolicyDocument.Parse("{\"Version\": \"2012-10-17\",\n \"Statement\": [ }"));

        Assert.StartsWith("The policy document is not valid JSON: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LineNumber: 1", ex.Message, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(ex.InnerException, exactMatch: false);
    }

    [Fact]
    public void Parse_CommentsOrTrailingCommas_AreRefused()
    {
        Assert.Throws<IotPolicyFormatException>(() => IotPolicyDocument.Parse($$"""{"Statement":[{{AllowPublish}}],}"""));
        Assert.Throws<IotPolicyFormatException>(() => IotPolicyDocument.Parse($$"""{/* c */"Statement":[{{AllowPublish}}]}"""));
    }

    [Fact]
    public void Parse_LargerThanAwsLimit_ThrowsWithCount()
    {
        var resources = string.Join(",", Enumerable.Range(0, 60).Select(i => $"\"arn:aws:iot:*:*:topic/things/t{i:D3}/x\""));
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":[" + resources + "]}}";

        var ex = Assert.Throws<IotPolicyFormatException>(() => IotPolicyDocument.Parse(json));

        Assert.Matches(@"^The policy document has \d+ characters excluding whitespace; AWS IoT allows at most 2048\.$", ex.Message);
    }

    [Fact]
    public void Parse_WhitespaceDoesNotCountTowardsLimit_Succeeds()
    {
        var json = $$"""{"Version":"2012-10-17","Statement":[{{AllowPublish}}]}""" + new string(' ', 5000);

        Assert.Single(IotPolicyDocument.Parse(json).Statements);
    }

    [Fact]
    public void Parse_StringAndArrayForms_ExposeListsAsWritten()
    {
        var document = IotPolicyDocument.Parse("""
            {
              "Version": "2012-10-17",
              "Id": "line-7",
              "Statement": [
                { "Sid": "one", "Effect": "Allow", "Action": "iot:Connect", "Resource": "arn:aws:iot:*:*:client/a" },
                { "Effect": "Deny", "Action": ["iot:Publish", "iot:Receive"], "Resource": ["arn:aws:iot:*:*:topic/a", "arn:aws:iot:*:*:topic/b"] }
              ]
            }
            """);

        Assert.Equal("2012-10-17", document.Version);
        Assert.Equal("line-7", document.Id);
        Assert.Equal(2, document.Statements.Count);
        Assert.Equal("one", document.Statements[0].Sid);
        Assert.Equal(IotPolicyEffect.Allow, document.Statements[0].Effect);
        Assert.Equal(["iot:Connect"], document.Statements[0].Actions);
        Assert.Null(document.Statements[1].Sid);
        Assert.Equal(IotPolicyEffect.Deny, document.Statements[1].Effect);
        Assert.Equal(["iot:Publish", "iot:Receive"], document.Statements[1].Actions);
        Assert.Equal(["arn:aws:iot:*:*:topic/a", "arn:aws:iot:*:*:topic/b"], document.Statements[1].Resources);
    }

    [Fact]
    public void Parse_SingleStatementObject_BecomesOneStatement()
    {
        var document = IotPolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":{{AllowPublish}}}""");

        var statement = Assert.Single(document.Statements);
        Assert.Equal(["*"], statement.Resources);
    }

    [Fact]
    public void Parse_EmptyStatementArray_ParsesToNoStatements()
    {
        var document = IotPolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[]}""");

        Assert.Empty(document.Statements);
    }

    [Fact]
    public void Parse_NoVersion_VersionIsNull()
    {
        Assert.Null(IotPolicyDocument.Parse($$"""{"Statement":[{{AllowPublish}}]}""").Version);
    }

    [Fact]
    public void TryParse_Valid_ReturnsDocumentAndNoError()
    {
        Assert.True(IotPolicyDocument.TryParse($$"""{"Version":"2012-10-17","Statement":[{{AllowPublish}}]}""", out var document, out var error));
        Assert.NotNull(document);
        Assert.Null(error);
    }

    [Fact]
    public void TryParse_Invalid_ReturnsSameMessageAsParse()
    {
        Assert.False(IotPolicyDocument.TryParse("""{"Version":"2012-10-17"}""", out var document, out var error));
        Assert.Null(document);
        Assert.Equal("The policy document has no Statement element.", error);
    }
}
