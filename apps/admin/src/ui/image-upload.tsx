// Choosing a photo for an image block and sending it, with a labelled progress bar that follows
// the bytes actually sent.
import { useState } from "react";
import { ApiRequestError } from "../lib/api";
import { useLocale } from "../lib/locale";
import { type UploadedImage, uploadArticleImage } from "../lib/upload";
import { FieldError } from "./field-error";

type Progress = { loaded: number; total: number; done: boolean };

export function ImageUpload({
  id,
  articleId,
  onUploaded,
  error,
}: {
  id: string;
  articleId: string;
  onUploaded: (image: UploadedImage) => void;
  /** The form's message for this block's image (none uploaded yet). */
  error?: string | undefined;
}) {
  const { t, n } = useLocale();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  const message = failure ?? error;

  async function send(file: File) {
    setFailure(null);
    setProgress({ loaded: 0, total: file.size, done: false });
    try {
      const image = await uploadArticleImage(articleId, file, (loaded, total) =>
        setProgress({ loaded, total, done: false }),
      );
      setProgress({ loaded: file.size, total: file.size, done: true });
      onUploaded(image);
    } catch (caught) {
      setProgress(null);
      setFailure(
        caught instanceof ApiRequestError
          ? t(caught.localized)
          : t({ vi: "Không tải ảnh lên được.", en: "The image could not be uploaded." }),
      );
    }
  }

  return (
    <div className="field image-upload">
      <label htmlFor={id}>
        {t({
          vi: "Tệp ảnh (PNG, JPEG, WebP; tối đa 5 MB)",
          en: "Image file (PNG, JPEG, WebP; at most 5 MB)",
        })}
      </label>
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        disabled={progress !== null && !progress.done}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void send(file);
        }}
      />
      {progress && (
        <div className="upload-progress">
          <label htmlFor={`${id}-progress`}>{t({ vi: "Tiến độ tải lên", en: "Upload progress" })}</label>
          <progress id={`${id}-progress`} max={progress.total || 1} value={progress.loaded}>
            {percent}%
          </progress>
          <span role="status" data-testid={`${id}-status`}>
            {progress.done
              ? t({ vi: "Đã tải lên.", en: "Uploaded." })
              : t({
                  vi: `${percent}% (${n(progress.loaded)} / ${n(progress.total)} byte)`,
                  en: `${percent}% (${n(progress.loaded)} / ${n(progress.total)} bytes)`,
                })}
          </span>
        </div>
      )}
      <FieldError id={`${id}-error`} error={message} role="alert" />
    </div>
  );
}
