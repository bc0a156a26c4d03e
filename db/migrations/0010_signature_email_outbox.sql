CREATE TABLE "signature_email_outbox" (
	"signature_id" bigint PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
