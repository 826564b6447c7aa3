using Secretless.Aws.DynamoDb;

namespace Secretless.Aws.Tests.DynamoDb;

public sealed class DynamoDbOptionsTests
{
    [Fact]
    public void DirectoryValidate_Defaults_OnlyTableNameIsMissing()
    {
        var options = new DynamoDbDeviceDirectoryOptions();

        Assert.Equal(
            ["SL4101: DynamoDbDeviceDirectoryOptions.TableName is required (the reference sample's table is 'widgiot-iot-provisioning-secretfree')."],
            options.Validate());
        Assert.True(options.ConsistentRead);
        Assert.False(options.CreateTableIfMissing);
        Assert.Equal(8, options.ImportParallelism);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Null(options.Credentials);
    }

    [Fact]
    public void DirectoryValidate_SampleTableName_IsValid()
    {
        Assert.Empty(new DynamoDbDeviceDirectoryOptions { TableName = "widgiot-iot-provisioning-secretfree" }.Validate());
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    public void DirectoryValidate_BadTableName_ReportsSL4102(string tableName)
    {
        var problem = Assert.Single(new DynamoDbDeviceDirectoryOptions { TableName = tableName }.Validate());

        Assert.Equal($"SL4102: DynamoDbDeviceDirectoryOptions.TableName '{tableName}' is not a valid DynamoDB table name: use 3 to 255 letters, digits, '_', '-' and '.'.", problem);
    }

    [Fact]
    public void DirectoryValidate_EveryBadValue_ReportsEachNumberOnce()
    {
        var options = new DynamoDbDeviceDirectoryOptions
        {
            TableName = "devices",
            ServiceUrl = new Uri("ftp://127.0.0.1/"),
            Region = "Europe",
            ImportParallelism = 0,
            MaxBatchAttempts = 21,
            BatchRetryBaseDelay = TimeSpan.Zero,
            MaxAttempts = 11,
            UnavailableRetryAfter = TimeSpan.FromDays(1),
        };

        var codes = options.Validate().Select(problem => problem[..6]);

        Assert.Equal(["SL4103", "SL4104", "SL4105", "SL4106", "SL4107", "SL4108", "SL4109"], codes);
        Assert.Contains("SL4105: DynamoDbDeviceDirectoryOptions.ImportParallelism must be between 1 and 64 but is 0.", options.Validate());
        Assert.Contains("SL4104: DynamoDbDeviceDirectoryOptions.Region 'Europe' is not an AWS region name such as 'eu-west-1'.", options.Validate());
    }

    [Fact]
    public void LedgerValidate_EveryBadValue_ReportsEachNumberOnce()
    {
        var options = new DynamoDbIssuanceLedgerOptions
        {
            ServiceUrl = new Uri("/relative", UriKind.Relative),
            Region = "x",
            MaxAttempts = 0,
            UnavailableRetryAfter = TimeSpan.Zero,
        };

        var problems = options.Validate();

        Assert.Equal(["SL4121", "SL4123", "SL4124", "SL4125", "SL4126"], problems.Select(problem => problem[..6]));
        Assert.Equal("SL4121: DynamoDbIssuanceLedgerOptions.TableName is required.", problems[0]);
        Assert.Equal("SL4125: DynamoDbIssuanceLedgerOptions.MaxAttempts must be between 1 and 10 but is 0.", problems[3]);
    }

    [Fact]
    public void LedgerValidate_BadTableName_ReportsSL4122()
    {
        var problem = Assert.Single(new DynamoDbIssuanceLedgerOptions { TableName = "x" }.Validate());

        Assert.StartsWith("SL4122: DynamoDbIssuanceLedgerOptions.TableName 'x'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_SeveralProblems_ListsThemAllInOneException()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new DynamoDbDeviceDirectoryOptions { ImportParallelism = 65 }.ThrowIfInvalid());

        Assert.Contains("SL4101", error.Message, StringComparison.Ordinal);
        Assert.Contains("SL4105", error.Message, StringComparison.Ordinal);
    }
}
