using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// Builds the configuration the backends are chosen from: the <c>--config</c> JSON file, then
/// environment variables (<c>Secretless__Directory__Type=DynamoDb</c>), later sources winning.
/// </summary>
internal static class CliConfiguration
{
    public static IConfiguration Load(FileInfo? file)
    {
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new CliException(ExitCodes.UsageError, $"--config {file.FullName} does not exist.");
            }

            builder.AddJsonFile(file.FullName, optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables();
        try
        {
            return builder.Build();
        }
        catch (Exception invalid) when (invalid is InvalidDataException or FormatException or JsonException)
        {
            // The JSON provider wraps the parser's error (line and position) in "Failed to load …".
            throw new CliException(ExitCodes.UsageError, $"--config {file?.FullName} is not valid JSON: {Innermost(invalid).Message}", invalid);
        }
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
