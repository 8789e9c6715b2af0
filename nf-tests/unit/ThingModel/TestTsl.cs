using LinkKit.Nano.Text;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>
    /// A thing model as the IoT console exports it (物模型 TSL, "完整物模型" JSON): every data type (int, float,
    /// double, bool, enum, text, date, struct, array of int, array of struct), an alert event, and an asynchronous
    /// and a synchronous service, with the property post event and the set/get services the console always adds.
    /// Identifiers follow the Python SDK wire capture (temperature, LightSwitch, alarm.level, reboot, getStatus).
    /// </summary>
    public static class TestTsl
    {
        public const string ProductKey = "a1TestPK001";
        public const string DeviceName = "dev-001";

        public const string Export = @"{
  ""schema"": ""https://iotx-tsl.oss-ap-southeast-1.aliyuncs.com/schema.json"",
  ""profile"": {
    ""version"": ""1.0"",
    ""productKey"": ""a1TestPK001""
  },
  ""properties"": [
    {
      ""identifier"": ""temperature"",
      ""name"": ""温度"",
      ""accessMode"": ""r"",
      ""required"": false,
      ""dataType"": {
        ""type"": ""float"",
        ""specs"": {
          ""min"": ""-40"",
          ""max"": ""120"",
          ""unit"": ""°C"",
          ""unitName"": ""摄氏度"",
          ""step"": ""0.1""
        }
      }
    },
    {
      ""identifier"": ""LightSwitch"",
      ""name"": ""主灯开关"",
      ""accessMode"": ""rw"",
      ""required"": true,
      ""dataType"": {
        ""type"": ""bool"",
        ""specs"": {
          ""0"": ""关闭"",
          ""1"": ""开启""
        }
      }
    },
    {
      ""identifier"": ""Brightness"",
      ""name"": ""亮度"",
      ""accessMode"": ""rw"",
      ""required"": false,
      ""dataType"": {
        ""type"": ""int"",
        ""specs"": {
          ""min"": ""0"",
          ""max"": ""100"",
          ""unit"": ""%"",
          ""unitName"": ""百分比"",
          ""step"": ""1""
        }
      }
    },
    {
      ""identifier"": ""Voltage"",
      ""name"": ""电压"",
      ""accessMode"": ""r"",
      ""required"": false,
      ""dataType"": {
        ""type"": ""double"",
        ""specs"": {
          ""min"": ""0"",
          ""max"": ""380.5"",
          ""unit"": ""V"",
          ""unitName"": ""伏特"",
          ""step"": ""0.01""
        }
      }
    },
    {
      ""identifier"": ""Mode"",
      ""name"": ""工作模式"",
      ""accessMode"": ""rw"",
      ""required"": false,
      ""dataType"": {
        ""type"": ""enum"",
        ""specs"": {
          ""0"": ""自动"",
          ""1"": ""手动"",
          ""2"": ""节能""
        }
      }
    },
    {
      ""identifier"": ""Label"",
      ""name"": ""标签"",
      ""accessMode"": ""rw"",
      ""required"": false,
      ""dataType"": {
        ""type"": ""text"",
        ""specs"": {
          ""length"": ""8""
        }
      }
    },
    {
      ""identifier"": ""LastSeen"",
      ""name"": ""上次在线"",
      ""accessMode"": ""r"",
      ""required"": false,
      ""dataType"": {
        ""type"": ""date"",
        ""specs"": {}
      }
    },
    {
      ""identifier"": ""Location"",
      ""name"": ""位置"",
      ""accessMode"": ""r"",
      ""required"": false,
      ""dataType"": {
        ""type"": ""struct"",
        ""specs"": [
          {
            ""identifier"": ""lat"",
            ""name"": ""纬度"",
            ""dataType"": {
              ""type"": ""double"",
              ""specs"": {
                ""min"": ""-90"",
                ""max"": ""90"",
                ""unit"": ""°"",
                ""step"": ""0.000001""
              }
            }
          },
          {
            ""identifier"": ""lon"",
            ""name"": ""经度"",
            ""dataType"": {
              ""type"": ""double"",
              ""specs"": {
                ""min"": ""-180"",
                ""max"": ""180"",
                ""unit"": ""°"",
                ""step"": ""0.000001""
              }
            }
          },
          {
            ""identifier"": ""site"",
            ""name"": ""站点"",
            ""dataType"": {
              ""type"": ""text"",
              ""specs"": {
                ""length"": ""16""
              }
            }
          }
        ]
      }
    },
    {
      ""identifier"": ""History"",
      ""name"": ""历史读数"",
      ""accessMode"": ""r"",
      ""required"": false,
      ""dataType"": {
        ""type"": ""array"",
        ""specs"": {
          ""size"": ""3"",
          ""item"": {
            ""type"": ""int""
          }
        }
      }
    },
    {
      ""identifier"": ""Schedule"",
      ""name"": ""定时"",
      ""accessMode"": ""rw"",
      ""required"": false,
      ""dataType"": {
        ""type"": ""array"",
        ""specs"": {
          ""size"": ""2"",
          ""item"": {
            ""type"": ""struct"",
            ""specs"": [
              {
                ""identifier"": ""hour"",
                ""name"": ""小时"",
                ""dataType"": {
                  ""type"": ""int"",
                  ""specs"": {
                    ""min"": ""0"",
                    ""max"": ""23"",
                    ""step"": ""1""
                  }
                }
              },
              {
                ""identifier"": ""on"",
                ""name"": ""开关"",
                ""dataType"": {
                  ""type"": ""bool"",
                  ""specs"": {
                    ""0"": ""关"",
                    ""1"": ""开""
                  }
                }
              }
            ]
          }
        }
      }
    }
  ],
  ""events"": [
    {
      ""identifier"": ""post"",
      ""name"": ""post"",
      ""type"": ""info"",
      ""required"": true,
      ""desc"": ""属性上报"",
      ""method"": ""thing.event.property.post"",
      ""outputData"": [
        {
          ""identifier"": ""temperature"",
          ""name"": ""温度"",
          ""dataType"": {
            ""type"": ""float"",
            ""specs"": {
              ""min"": ""-40"",
              ""max"": ""120""
            }
          }
        }
      ]
    },
    {
      ""identifier"": ""alarm"",
      ""name"": ""告警"",
      ""type"": ""alert"",
      ""required"": false,
      ""method"": ""thing.event.alarm.post"",
      ""outputData"": [
        {
          ""identifier"": ""level"",
          ""name"": ""级别"",
          ""dataType"": {
            ""type"": ""int"",
            ""specs"": {
              ""min"": ""1"",
              ""max"": ""5"",
              ""step"": ""1""
            }
          }
        }
      ]
    }
  ],
  ""services"": [
    {
      ""identifier"": ""set"",
      ""name"": ""set"",
      ""required"": true,
      ""callType"": ""async"",
      ""desc"": ""属性设置"",
      ""method"": ""thing.service.property.set"",
      ""inputData"": [
        {
          ""identifier"": ""LightSwitch"",
          ""name"": ""主灯开关"",
          ""dataType"": {
            ""type"": ""bool"",
            ""specs"": {
              ""0"": ""关闭"",
              ""1"": ""开启""
            }
          }
        }
      ],
      ""outputData"": []
    },
    {
      ""identifier"": ""get"",
      ""name"": ""get"",
      ""required"": true,
      ""callType"": ""async"",
      ""desc"": ""属性获取"",
      ""method"": ""thing.service.property.get"",
      ""inputData"": [
        ""temperature"",
        ""LightSwitch""
      ],
      ""outputData"": []
    },
    {
      ""identifier"": ""reboot"",
      ""name"": ""重启"",
      ""required"": false,
      ""callType"": ""async"",
      ""method"": ""thing.service.reboot"",
      ""inputData"": [
        {
          ""identifier"": ""delay"",
          ""name"": ""延时"",
          ""dataType"": {
            ""type"": ""int"",
            ""specs"": {
              ""min"": ""0"",
              ""max"": ""60"",
              ""unit"": ""s"",
              ""step"": ""1""
            }
          }
        }
      ],
      ""outputData"": [
        {
          ""identifier"": ""accepted"",
          ""name"": ""已接受"",
          ""dataType"": {
            ""type"": ""bool"",
            ""specs"": {
              ""0"": ""否"",
              ""1"": ""是""
            }
          }
        }
      ]
    },
    {
      ""identifier"": ""getStatus"",
      ""name"": ""查询状态"",
      ""required"": false,
      ""callType"": ""sync"",
      ""method"": ""thing.service.getStatus"",
      ""inputData"": [],
      ""outputData"": [
        {
          ""identifier"": ""uptime"",
          ""name"": ""运行时长"",
          ""dataType"": {
            ""type"": ""int"",
            ""specs"": {
              ""min"": ""0"",
              ""max"": ""2147483647"",
              ""unit"": ""s""
            }
          }
        }
      ]
    }
  ]
}";

        /// <summary>UTF-8 bytes of <paramref name="text"/>.</summary>
        public static byte[] Bytes(string text)
        {
            byte[] bytes = new byte[Utf8.GetByteCount(text)];
            Utf8.Encode(text, bytes, 0, bytes.Length);
            return bytes;
        }

        /// <summary>The console export above, loaded.</summary>
        public static ThingModel Load()
        {
            byte[] tsl = Bytes(Export);
            ThingModel model;
            string error;
            int rc = ThingModel.TryLoad(tsl, 0, tsl.Length, out model, out error);
            if (rc != ErrorCode.Ok) throw new System.InvalidOperationException(error);
            return model;
        }

        /// <summary>Loads <paramref name="tsl"/> and returns the error text (null when it loads).</summary>
        public static string LoadError(string tsl)
        {
            byte[] bytes = Bytes(tsl);
            ThingModel model;
            string error;
            int rc = ThingModel.TryLoad(bytes, 0, bytes.Length, out model, out error);
            if (rc == ErrorCode.Ok) return null;
            if (rc != ErrorCode.InvalidThingModel || model != null) throw new System.InvalidOperationException("unexpected result");
            return error;
        }

        /// <summary>The UTF-8 bytes of buffer[offset..+count) as a string.</summary>
        public static string Text(byte[] buffer, int offset, int count)
        {
            return Utf8.GetString(buffer, offset, count);
        }

        /// <summary>A buffer of <paramref name="length"/> bytes, all <paramref name="fill"/>.</summary>
        public static byte[] Filled(int length, byte fill)
        {
            byte[] b = new byte[length];
            for (int i = 0; i < length; i++) b[i] = fill;
            return b;
        }

        /// <summary>True when every byte of <paramref name="buffer"/> is <paramref name="fill"/>.</summary>
        public static bool AllBytes(byte[] buffer, byte fill)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                if (buffer[i] != fill) return false;
            }

            return true;
        }
    }
}
