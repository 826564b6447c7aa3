using Microsoft.Extensions.Logging;

namespace Secretless.Server.Tests.Support;

public sealed record CapturedLogEntry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
