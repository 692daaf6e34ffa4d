// The public gRPC API (proto/pengaduan/v1) and the standard error details it sends, exported
// as namespaces from the package index: their names (GetComplaintRequest, ReporterContact,
// Status …) repeat those of the internal APIs.
export * from '../gen/pengaduan/v1/messages_pb';
export * from '../gen/pengaduan/v1/service_pb';
