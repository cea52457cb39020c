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
      <form className="search-form" method="get" action="/tim-kiem">
        <label htmlFor="tim-bai">Tìm bài viết (gõ có dấu hoặc không dấu)</label>{" "}
        <input id="tim-bai" type="search" name="q" required maxLength={200} />{" "}
        <button type="submit">Tìm</button>
      </form>
      <p>
        <a href="/">Về trang chủ</a> · <a href="/feed.xml">Tin mới nhất (Atom)</a>
      </p>
    </section>
  );
}
