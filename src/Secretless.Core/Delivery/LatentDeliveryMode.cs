namespace Secretless.Core.Delivery;

/// <summary>When <c>POST /new</c> answers 202 with a pre-signed payload URL instead of 200.</summary>
public enum LatentDeliveryMode
{
    /// <summary>Always 200; <c>device-delivery: url</c> is answered 200 too and no deadline applies.</summary>
    Never = 0,

    /// <summary>202 when the device sends <c>device-delivery: url</c> or issuance outlasts the deadline.</summary>
    OnRequest = 1,

    /// <summary>Every successful request is answered 202.</summary>
    Always = 2,
}
