using System.Text.Json.Nodes;
using Secretless.TestSupport.ApiGateway;

namespace Secretless.EndToEnd.Tests.ApiGateway;

/// <summary>The authorizer policy evaluation of the local API Gateway: explicit Deny wins, wildcards as IAM.</summary>
public sealed class ExecuteApiPolicyTests
{
    private const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:secretless1/prod/POST/new";

    [Theory]
    [InlineData("execute-api:Invoke", MethodArn, true)]
    [InlineData("execute-api:invoke", MethodArn, true)]
    [InlineData("execute-api:*", MethodArn, true)]
    [InlineData("*", "*", true)]
    [InlineData("execute-api:Invoke", "arn:aws:execute-api:us-east-1:123456789012:secretless1/*", true)]
    [InlineData("execute-api:Invoke", "arn:aws:execute-api:us-east-1:123456789012:secretless1/*/POST/new", true)]
    [InlineData("execute-api:Invoke", "arn:aws:execute-api:us-east-1:123456789012:secretless1/pro?/POST/new", true)]
    [InlineData("execute-api:Invoke", "arn:aws:execute-api:us-east-1:123456789012:secretless1/prod/GET/new", false)]
    [InlineData("execute-api:Invoke", "arn:aws:execute-api:us-east-1:123456789012:secretless1/prod/post/new", false)]
    [InlineData("execute-api:Invoke", "arn:aws:execute-api:us-east-1:123456789012:other/*", false)]
    [InlineData("execute-api:ManageConnections", MethodArn, false)]
    [InlineData("s3:*", "*", false)]
    public void Allows_SingleAllowStatement_MatchesActionAndResourceLikeIam(string action, string resource, bool expected)
    {
        var policy = Policy(Statement("Allow", action, resource));

        Assert.Equal(expected, ExecuteApiPolicy.Allows(policy, MethodArn));
    }

    [Fact]
    public void Allows_ExplicitDenyBesideAllow_Denies()
    {
        var policy = Policy(Statement("Allow", "execute-api:Invoke", "*"), Statement("Deny", "execute-api:*", MethodArn));

        Assert.False(ExecuteApiPolicy.Allows(policy, MethodArn));
    }

    [Fact]
    public void Allows_DenyOnAnotherMethodBesideAllow_Allows()
    {
        var policy = Policy(Statement("Allow", "execute-api:Invoke", MethodArn), Statement("Deny", "execute-api:Invoke", "arn:aws:execute-api:*:*:*/*/GET/*"));

        Assert.True(ExecuteApiPolicy.Allows(policy, MethodArn));
    }

    [Fact]
    public void Allows_ActionAndResourceArrays_AnyEntryMatches()
    {
        var statement = new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = new JsonArray("iot:Connect", "execute-api:Invoke"),
            ["Resource"] = new JsonArray("arn:aws:execute-api:us-east-1:123456789012:x/*", MethodArn),
        };

        Assert.True(ExecuteApiPolicy.Allows(Policy(statement), MethodArn));
    }

    [Fact]
    public void Allows_SingleStatementObjectInsteadOfArray_Evaluated()
    {
        var policy = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = Statement("Allow", "execute-api:Invoke", MethodArn) };

        Assert.True(ExecuteApiPolicy.Allows(policy, MethodArn));
    }

    [Fact]
    public void Allows_NoStatements_Throws()
    {
        Assert.Throws<FormatException>(() => ExecuteApiPolicy.Allows(new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray() }, MethodArn));
    }

    [Theory]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("*", "", true)]
    [InlineData("?", "", false)]
    [InlineData("a**", "a", true)]
    [InlineData("*/POST/*", "x/y/POST/new", true)]
    public void WildcardMatch_Patterns_AsIam(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, ExecuteApiPolicy.WildcardMatch(pattern, value, ignoreCase: false));
    }

    private static JsonObject Policy(params JsonObject[] statements)
        => new() { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) };

    private static JsonObject Statement(string effect, string action, string resource)
        => new() { ["Effect"] = effect, ["Action"] = action, ["Resource"] = resource };
}
