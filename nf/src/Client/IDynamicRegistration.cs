namespace LinkKit.Nano
{
    /// <summary>
    /// Extension point for "one type, one secret" (Python's product-secret mode): obtains this device's credentials
    /// from the product secret before the first connection. The SDK's implementation is
    /// <c>LinkKit.Nano.Identity.DynamicRegistration</c> (assembly LinkKit.Nano.Registration) (HTTPS; MQTT <c>register</c>;
    /// whitelist-free <c>regnwl</c> (docs/protocol.md, Dynamic registration), over a <see cref="Storage.SecretStore"/>). An implementation is
    /// responsible for persisting what it obtained (the platform registers a device only once) and for not
    /// logging secrets.
    /// </summary>
    /// <remarks>
    /// The client calls <see cref="Register"/> on its connection thread when it was constructed with a product
    /// secret and holds no credentials yet (it keeps them in memory afterwards, so it runs once per client).
    /// On success it connects with the device secret (signed per <see cref="LinkKitOptions.SignMethod"/>) or with
    /// the ready-made credentials. On failure the client reports <see cref="ConnectResult.RegistrationFailed"/>
    /// through <see cref="LinkKitClient.ConnectCompleted"/> and stops in <see cref="LinkKitState.Disconnected"/>
    /// without retrying, as the Python SDK does.
    /// </remarks>
    public interface IDynamicRegistration
    {
        /// <summary>Registers the device described by <paramref name="client"/> (host name, product key, device name, TLS settings).</summary>
        /// <param name="client">The client asking; read its identity and connection properties.</param>
        /// <param name="productSecret">The product secret given to the client's constructor.</param>
        /// <param name="deviceSecret">On success for pre-registered devices: the device secret; otherwise null.</param>
        /// <param name="credentials">On success for whitelist-free registration: the ready-made credentials; otherwise null.</param>
        /// <returns><see cref="ErrorCode.Ok"/> with exactly one of the outputs set, or a negative <see cref="ErrorCode"/>.</returns>
        int Register(LinkKitClient client, string productSecret, out string deviceSecret, out MqttCredentials credentials);
    }
}
