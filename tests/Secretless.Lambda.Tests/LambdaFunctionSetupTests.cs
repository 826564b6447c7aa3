using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Secretless.Lambda.Hosting;

namespace Secretless.Lambda.Tests;

public sealed class LambdaFunctionSetupTests
{
    [Fact]
    public void AddLambdaFunction_NoBackendConfiguration_RefusesEveryEmbeddedBackendNamingItsVariable()
    {
        var configuration = new ConfigurationBuilder().Build();

        var refused = Assert.Throws<LambdaInitException>(() => new ServiceCollection().AddLambdaFunction(configuration, LambdaFunctionSetup.AuthorizerHandler));

        Assert.Equal("Runtime.ConfigurationError", refused.ErrorType);
        foreach (var variable in new[] { "Secretless__Directory__Type", "Secretless__Ledger__Type", "Secretless__Issuer__Type", "Secretless__Registry__Type", "Secretless__PayloadStore__Type" })
        {
            Assert.Contains(variable, refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AddLambdaFunction_UnknownHandler_RefusesNamingTheChoices()
    {
        var configuration = new ConfigurationBuilder().Build();

        var refused = Assert.Throws<LambdaInitException>(() => new ServiceCollection().AddLambdaFunction(configuration, "Function::Handler"));

        Assert.Contains("'authorizer'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'issuer'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLambdaFunction_InvalidBackendOption_ReportsTheBackendProblem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Secretless:Directory:Type"] = "Postgres",
        }).Build();

        var refused = Assert.Throws<LambdaInitException>(() => new ServiceCollection().AddLambdaFunction(configuration, LambdaFunctionSetup.IssuerHandler));

        Assert.Contains("Secretless:Directory:Type = 'Postgres'", refused.Message, StringComparison.Ordinal);
    }
}
