using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Secretless.BenchTls;

// The handshake ceiling of bench/run.sh: bare Kestrel HTTPS on 127.0.0.1:<port>, TLS 1.2/1.3 with a
// P-256 server certificate under a P-256 issuing CA (sent in the handshake), as `secretless serve`;
// answers 200 to every request, no logging. Usage: Secretless.BenchTls PORT
if (args.Length != 1 || !int.TryParse(args[0], out var port) || port is < 1 or > 65535)
{
    await Console.Error.WriteLineAsync("usage: Secretless.BenchTls PORT");
    return 2;
}

using var identity = BenchTlsIdentity.Create(TimeProvider.System);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(new TlsHandshakeCallbackOptions
{
    OnConnection = _ => ValueTask.FromResult(new System.Net.Security.SslServerAuthenticationOptions
    {
        ServerCertificateContext = identity.Context,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
    }),
})));
await using var app = builder.Build();
app.Run(context =>
{
    context.Response.StatusCode = StatusCodes.Status200OK;
    return context.Response.WriteAsync("ok");
});
await app.StartAsync();
Console.WriteLine($"Listening on: https://127.0.0.1:{port}");
await app.WaitForShutdownAsync();
return 0;
