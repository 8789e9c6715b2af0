namespace LinkKit.Emulator.Tests;

/// <summary>
/// A fresh emulator per test (xunit builds the class per test) with the wire capture's product and device registered,
/// and that device connected. Override the two hooks for other options or a product variant.
/// </summary>
public abstract class CaptureDeviceTest : Xunit.IAsyncLifetime
{
    protected TestEmulator Emulator { get; private set; } = null!;
    protected TestDevice Device { get; set; } = null!;

    protected virtual Task<TestEmulator> StartEmulatorAsync() => TestEmulator.StartAsync();

    protected virtual Task CreateProductAsync() => Emulator.CreateCaptureProductAsync();

    public async Task InitializeAsync()
    {
        Emulator = await StartEmulatorAsync();
        await CreateProductAsync();
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
        Device = await TestDevice.CaptureDeviceAsync(Emulator);
    }

    public virtual async Task DisposeAsync()
    {
        await Device.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
