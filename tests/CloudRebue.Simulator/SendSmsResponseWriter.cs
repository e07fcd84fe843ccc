using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CloudRebue.Simulator;

/// <summary>
/// Writes the send-sms answer: an array with one entry per message object, in request order, with
/// the fields and field order of the provider's sample (reference/cloudrebue-send-sms.txt).
/// </summary>
internal static class SendSmsResponseWriter
{
    /// <summary>The provider's sample shows client_id as the string "1".</summary>
    public const string ClientId = "1";

    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText CorrelatorName = JsonEncodedText.Encode("correlator");
    private static readonly JsonEncodedText UniqueIdName = JsonEncodedText.Encode("uniqueId");
    private static readonly JsonEncodedText ClientIdName = JsonEncodedText.Encode("client_id");
    private static readonly JsonEncodedText PhoneName = JsonEncodedText.Encode("phone");
    private static readonly JsonEncodedText OperatorName = JsonEncodedText.Encode("operator");
    private static readonly JsonEncodedText SmsUnitsName = JsonEncodedText.Encode("sms_units");
    private static readonly JsonEncodedText ShortCodeName = JsonEncodedText.Encode("short_code");
    private static readonly JsonEncodedText LinkIdName = JsonEncodedText.Encode("link_id");
    private static readonly JsonEncodedText EndPointName = JsonEncodedText.Encode("end_point");
    private static readonly JsonEncodedText BatchIdName = JsonEncodedText.Encode("batch_id");
    private static readonly JsonEncodedText CreatedAtName = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText DeliveryEndpointName = JsonEncodedText.Encode("delivery_endpoint");
    private static readonly JsonEncodedText TimeToSendName = JsonEncodedText.Encode(BrandRules.TimeToSendField);
    private static readonly JsonEncodedText QueuedText = JsonEncodedText.Encode(ItemResult.Queued);
    private static readonly JsonEncodedText ClientIdText = JsonEncodedText.Encode(ClientId);

    /// <summary>What the malformed fault answers: a 200 whose JSON stops half way.</summary>
    public static readonly byte[] MalformedBody =
        Encoding.UTF8.GetBytes("""[{"status":true,"message":"Message successfully queued!","data":{"correlator":""");

    public static void Write(IBufferWriter<byte> output, ItemResult[] results, string batchId, string createdAt, SimulatorBrand brand = SimulatorBrand.CloudRebue)
    {
        bool rebueText = BrandRules.AddsRebueTextFields(brand);
        using var json = new Utf8JsonWriter(output, ApiResponses.WriterOptions);
        json.WriteStartArray();
        foreach (var result in results)
        {
            json.WriteStartObject();
            json.WriteBoolean(StatusName, result.Status);
            if (result.Status)
            {
                json.WriteString(MessageName, QueuedText);
                json.WriteStartObject(DataName);
                WriteElement(json, CorrelatorName, result.Correlator);
                json.WriteString(UniqueIdName, result.UniqueId);
                json.WriteString(ClientIdName, ClientIdText);
                json.WriteString(PhoneName, result.Phone);
                json.WriteString(OperatorName, result.Operator);
                json.WriteNumber(SmsUnitsName, result.SmsUnits);
                json.WriteString(ShortCodeName, result.Sender);
                json.WriteString(MessageName, result.Text);
                WriteElement(json, LinkIdName, result.LinkId);
                WriteElement(json, EndPointName, result.Endpoint);
                json.WriteString(BatchIdName, batchId);
                json.WriteString(CreatedAtName, createdAt);
                if (rebueText)
                {
                    // The fields API.md says some brands add: the receipt URL under RebueText's name, and the schedule.
                    WriteElement(json, DeliveryEndpointName, result.Endpoint);
                    WriteElement(json, TimeToSendName, result.TimeToSend);
                }

                json.WriteEndObject();
            }
            else
            {
                // Not documented: a failed item echoes what was sent, so the client can match it.
                json.WriteString(MessageName, result.Message);
                json.WriteStartObject(DataName);
                WriteElement(json, CorrelatorName, result.Correlator);
                WriteElement(json, PhoneName, result.GivenPhone);
                json.WriteString(ShortCodeName, result.Sender);
                json.WriteString(MessageName, result.Text);
                WriteElement(json, LinkIdName, result.LinkId);
                WriteElement(json, EndPointName, result.Endpoint);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Echoes a request value with its own JSON kind; an absent one is null.</summary>
    private static void WriteElement(Utf8JsonWriter json, JsonEncodedText name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            json.WriteNull(name);
            return;
        }

        json.WritePropertyName(name);
        value.WriteTo(json);
    }
}
