// Sending a file to the API with XMLHttpRequest, whose upload events (which fetch lacks) drive the
// progress bar a person watches while a large photo or a province's CSV goes up on a slow line.
import type { LocalizedText } from "@sodoan/domain";
import { ApiRequestError } from "./api";

/** An uploaded image as `POST /api/v1/articles/:id/images` answers. */
export type UploadedImage = {
  id: string;
  url: string;
  width: number;
  height: number;
  contentType: string;
  byteSize: number;
};

const UNREACHABLE: LocalizedText = {
  vi: "Không kết nối được máy chủ API.",
  en: "The API server cannot be reached.",
};

/**
 * Sends `file` as the raw request body to `path` (POST), calling `onProgress` with the bytes sent so
 * far and the total; resolves with the parsed answer, or rejects with an `ApiRequestError` as
 * `apiRequest` does.
 */
export function uploadWithProgress<T>(
  path: string,
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", path);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    request.onerror = () => reject(new ApiRequestError(0, "API_UNAVAILABLE", UNREACHABLE, [], undefined));
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = undefined;
      }
      if (request.status >= 200 && request.status < 300) {
        onProgress(file.size, file.size);
        resolve(body as T);
        return;
      }
      const error = (body as { error?: { code?: string; message?: LocalizedText; issues?: [] } })?.error;
      reject(
        new ApiRequestError(
          request.status,
          error?.code ?? "UNREADABLE_ANSWER",
          error?.message ?? {
            vi: `Máy chủ trả lời không hợp lệ (HTTP ${request.status}).`,
            en: `The server gave an invalid answer (HTTP ${request.status}).`,
          },
          error?.issues ?? [],
          body,
        ),
      );
    };
    request.send(file);
  });
}

/** Uploads an image to an article's images (`POST /api/v1/articles/:id/images`). */
export function uploadArticleImage(
  articleId: string,
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
): Promise<UploadedImage> {
  return uploadWithProgress(`/api/v1/articles/${encodeURIComponent(articleId)}/images`, file, onProgress);
}
