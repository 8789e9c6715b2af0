namespace LinkKit.Nano
{
    /// <summary>
    /// Finds the MQTT endpoint a device should use, asked when the cloud sends a bootstrap notice
    /// (<see cref="LinkKitClient.BootstrapNotified"/>) and before the client reconnects. Set it as
    /// <see cref="LinkKitOptions.EndpointResolver"/>; without one the client reconnects to the endpoint it had. The
    /// SDK's implementation is <c>LinkKit.Nano.Identity.HttpsBootstrap</c> (assembly LinkKit.Nano.Registration): the
    /// platform's HTTPS bootstrap service.
    /// </summary>
    /// <remarks>Called on the client's connection thread between two connections; it may block (a TLS request).</remarks>
    public interface IEndpointResolver
    {
        /// <summary>Resolves the endpoint of the device described by <paramref name="client"/>.</summary>
        /// <param name="client">The client asking: its product key and device name.</param>
        /// <param name="host">On success the MQTT host name; otherwise null.</param>
        /// <param name="port">On success the MQTT port (1-65535).</param>
        /// <returns><see cref="ErrorCode.Ok"/>, or a negative <see cref="ErrorCode"/>: the client then keeps its endpoint.</returns>
        int Resolve(LinkKitClient client, out string host, out int port);
    }
}
