namespace Secretless.Core.Provisioning;

/// <summary>
/// The default product-line AWS IoT policy: a device may connect only with its own thing name
/// as client id, and publish, receive and subscribe only under <c>things/&lt;its name&gt;/</c>.
/// </summary>
public static class ProductLinePolicy
{
    public const string DefaultDocument = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "iot:Connect",
              "Resource": "arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}"
            },
            {
              "Effect": "Allow",
              "Action": [ "iot:Publish", "iot:Receive" ],
              "Resource": "arn:aws:iot:*:*:topic/things/${iot:Connection.Thing.ThingName}/*"
            },
            {
              "Effect": "Allow",
              "Action": "iot:Subscribe",
              "Resource": "arn:aws:iot:*:*:topicfilter/things/${iot:Connection.Thing.ThingName}/*"
            }
          ]
        }
        """;
}
