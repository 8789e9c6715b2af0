using System;
using System.Collections;

namespace LinkKit.Nano.Tests.JsonObjects
{
    // Classes as an app would write them for the test thing model (nf-tests/unit/ThingModel/TestTsl.cs). nanoFramework.Json
    // serializes public properties with a getter and deserializes into public setters.

    public enum LampMode
    {
        Auto = 0,
        Manual = 1,
        Saving = 2,
    }

    public class Place
    {
        public double lat { get; set; }
        public double lon { get; set; }
        public string site { get; set; }
    }

    public class Slot
    {
        public int hour { get; set; }
        public bool on { get; set; }
    }

    /// <summary>Every property of the test model.</summary>
    public class Lamp
    {
        public double temperature { get; set; }
        public bool LightSwitch { get; set; }
        public int Brightness { get; set; }
        public double Voltage { get; set; }
        public LampMode Mode { get; set; }
        public string Label { get; set; }
        public long LastSeen { get; set; }
        public Place Location { get; set; }
        public int[] History { get; set; }
        public Slot[] Schedule { get; set; }
    }

    public class Dimmer
    {
        public int Brightness { get; set; }
        public bool LightSwitch { get; set; }
    }

    public class Thermometer
    {
        public double temperature { get; set; }
    }

    public class FloatThermometer
    {
        public float temperature { get; set; }
    }

    public class Meter
    {
        public double Voltage { get; set; }
        public string Label { get; set; }
        public int Brightness { get; set; }
    }

    public class Seen
    {
        public DateTime LastSeen { get; set; }
    }

    public class Stranger
    {
        public int Brightness { get; set; }
        public int notInTsl { get; set; }
    }

    public class Alarm
    {
        public int level { get; set; }
    }

    public class RebootAnswer
    {
        public bool accepted { get; set; }
    }

    public class RebootInput
    {
        public int delay { get; set; }
    }

    public struct Coordinates
    {
        public double Lat;
    }

    public class WithStruct
    {
        public int Brightness { get; set; }
        public Coordinates Location { get; set; }
    }

    public class WithNestedArray
    {
        public int[][] History { get; set; }
    }

    public class WithListOfStructs
    {
        public ArrayList Schedule { get; set; }
    }

    public class Throwing
    {
        public int Brightness
        {
            get { throw new InvalidOperationException("sensor unplugged"); }
        }
    }

    /// <summary>What a property set carries, for JsonConvert.DeserializeObject.</summary>
    public class LampSettings
    {
        public int Brightness { get; set; }
        public int LightSwitch { get; set; }
        public string Label { get; set; }
        public Place Location { get; set; }
        public int[] History { get; set; }
    }
}
