namespace Secretless.Device.Tests.Support;

/// <summary>
/// Sends every request with <c>Connection: close</c>, so each exchange gets its own TCP
/// connection and the fault proxy's per-connection decisions map one to one onto requests.
/// </summary>
public sealed class ConnectionCloseHandler : DelegatingHandler
{
    public ConnectionCloseHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.ConnectionClose = true;
        return base.SendAsync(request, cancellationToken);
    }
}
