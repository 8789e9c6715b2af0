using System.Net;
using System.Net.Sockets;

namespace LinkKit.Emulator.Broker;

/// <summary>Port helpers: MQTTnet cannot report the port it bound, so port 0 is resolved to a free port first.</summary>
public static class Ports
{
    public static int Resolve(IPAddress address, int port) => port != 0 ? port : Free(address);

    public static int Free(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
