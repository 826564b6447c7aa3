namespace Secretless.Local.Delivery;

/// <summary>The result of fetching a payload through its URL.</summary>
public enum PayloadFetchStatus
{
    /// <summary>200 with the stored body.</summary>
    Ready = 0,

    /// <summary>The URL is valid, the payload not stored yet: 404 + Retry-After.</summary>
    NotReady = 1,

    Tampered = 2,

    Expired = 3,
}
