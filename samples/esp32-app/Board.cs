using System;
using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;

namespace LinkKit.Esp32App
{
    /// <summary>
    /// The little hardware the app touches: one LED on a GPIO, the ESP32's native heap, the managed heap and the
    /// uptime. Everything here allocates nothing per call once constructed.
    /// </summary>
    internal sealed class Board
    {
        private readonly GpioPin _led;
        private bool _ledOn;

        /// <summary>Opens <paramref name="ledPin"/> as an output (switched off); -1: no LED.</summary>
        public Board(int ledPin)
        {
            if (ledPin < 0) return;
            GpioController gpio = new GpioController();
            _led = gpio.OpenPin(ledPin, PinMode.Output);
            _led.Write(PinValue.Low);
        }

        /// <summary>The LED's state as last set.</summary>
        public bool LedOn
        {
            get { return _ledOn; }
        }

        /// <summary>Switches the LED.</summary>
        public void SetLed(bool on)
        {
            _ledOn = on;
            if (_led != null) _led.Write(on ? PinValue.High : PinValue.Low);
        }

        /// <summary>Seconds since boot (monotonic: not moved by SNTP).</summary>
        public static int UptimeSeconds()
        {
            return (int)(Environment.TickCount64 / 1000);
        }

        /// <summary>Free managed heap in bytes, after a collection (without compaction).</summary>
        public static int FreeManagedBytes()
        {
            return Clamp(nanoFramework.Runtime.Native.GC.Run(false));
        }

        /// <summary>Free native (ESP-IDF) internal RAM in bytes: mbedTLS takes its ~2 × 16.7 KB per TLS session from here.</summary>
        public static int FreeNativeBytes(out int largestBlock)
        {
            uint total, free, largest;
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out total, out free, out largest);
            largestBlock = Clamp(largest);
            return Clamp(free);
        }

        private static int Clamp(uint value)
        {
            return value > int.MaxValue ? int.MaxValue : (int)value;
        }
    }
}
