// Pages for when there is nothing to show: the API cannot answer, or the address is unknown.

export function UnavailablePage() {
  return (
    <section className="notice" role="alert">
      <h1 className="page-title">Trang tin tạm thời gián đoạn</h1>
      <p>
        Hệ thống đang bận hoặc đang bảo trì nên chưa tải được tin bài. Xin bạn vui lòng quay lại sau ít phút.
      </p>
      <p>
        <a href="/">Tải lại trang chủ</a>
      </p>
    </section>
  );
}

export function NotFoundPage() {
  return (
    <section className="notice">
      <h1 className="page-title">Không tìm thấy trang</h1>
      <p>Địa chỉ này không có trên trang tin, hoặc bài viết đã được gỡ xuống.</p>
      <p>
        <a href="/">Về trang chủ</a>
      </p>
    </section>
  );
}
